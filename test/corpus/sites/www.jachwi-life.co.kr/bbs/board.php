<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>[주의사항] 소액결제 현금화 업체한테 당한 후기 (인증번호 절대 주지 마세요) &gt; 자유게시판 | 자취생활</title>
<meta name="description" content="소액결제 현금화 업체에 인증번호를 줬다가 피해를 입은 후기와 주의사항">
<meta property="og:type" content="article">
<style>body{margin:0;font-family:'Malgun Gothic',dotum,sans-serif;font-size:13px;color:#333;background:#fff}#hd{background:#2b3a4a;color:#fff;padding:14px 4%}#hd a{color:#fff;text-decoration:none}#gnb{background:#34495e;padding:8px 4%}#gnb a{color:#dfe6ec;margin-right:18px;text-decoration:none}#container{max-width:980px;margin:20px auto}#bo_v_title{font-size:19px;border-bottom:2px solid #2b3a4a;padding-bottom:10px}#bo_v_info{color:#777;font-size:12px;margin:8px 0 16px}#bo_v_con{line-height:1.9;font-size:14px;min-height:200px}.tbl_head01 table{width:100%;border-collapse:collapse;margin-top:30px}.tbl_head01 th,.tbl_head01 td{border-bottom:1px solid #e5e5e5;padding:7px;text-align:left}#ft{background:#f3f3f3;color:#777;padding:18px 4%;margin-top:40px;font-size:12px}#bo_vc{margin-top:24px;border-top:1px solid #ddd}#bo_vc article{border-bottom:1px dotted #ddd;padding:8px 0}</style>
</head>
<body>
<div id="hd"><h1 style="margin:0;font-size:20px"><a href="/">자취생활</a></h1></div>
<div id="gnb"><a href="/bbs/board.php?bo_table=free">자유게시판</a><a href="/bbs/board.php?bo_table=room">방구하기</a><a href="/bbs/board.php?bo_table=cook">자취요리</a></div>
<div id="container">
<h2 style="font-size:14px;color:#888">자유게시판</h2>
<article id="bo_v">
<header><h2 id="bo_v_title"><span class="bo_v_tit">[주의사항] 소액결제 현금화 업체한테 당한 후기 (인증번호 절대 주지 마세요)</span></h2></header>
<section id="bo_v_info"><h2 class="sound_only">페이지 정보</h2>작성자 <span class="sv_member">자취2년차</span> &nbsp; 작성일 25-04-28 22:15 &nbsp; 조회 4823회 &nbsp; 댓글 3건</section>
<section id="bo_v_atc"><h2 class="sound_only">본문</h2>
<div id="bo_v_con">
<p>제목 그대로 주의사항 공유하려고 씁니다. 저 같은 사람 또 안 생겼으면 해서요.</p>
<p>지난달 월세 날짜 맞추려고 검색하다가 ‘소액결제 현금화 88%, 5분 입금’ 광고 보고 카톡했어요. 통신사랑 금액 말하니까 결제 링크 보내주고, 문자로 온 인증번호 불러 달래서 불러줬습니다. 그리고 “전산 지연이니 한 번 더 인증해 달라”길래 또 불러줬고요. 그 뒤로 읽씹. 프로필 사진도 없어졌어요.</p>
<p>결과: 돈은 0원, 다음 달 요금에 결제 98만원 청구. 통신사에 전화했더니 본인이 인증한 거라 취소가 어렵다고 하고, 경찰서 가서 진정서 냈는데 계좌도 대포통장이라 오래 걸릴 거래요.</p>
<p><b>정리하면</b><br>1. 인증번호 달라는 순간 끝입니다.<br>2. ‘오류 났으니 한 번 더’는 100% 수법이에요.<br>3. 급하면 차라리 부모님이나 친구한테 말하세요. 창피한 건 잠깐입니다.<br>4. 안 쓰면 114 전화해서 소액결제 차단해 두세요.</p>
</div></section>
<section id="bo_vc"><h2>댓글목록</h2><article><b>라면왕</b> 헐 저도 비슷한 광고 봤는데 안 하길 잘했네요.. 힘내세요</article>
<article><b>오피스텔3년차</b> 저 작년에 원격 앱 깔라고 해서 그때 눈치채고 끊었어요. 진짜 조심해야 함</article>
<article><b>관리자</b> 좋은 정보 공유 감사합니다. 공지로 올려둘게요. 회원님들 현금화 광고 글은 발견 즉시 신고 부탁드립니다.</article></section>
</article>
<div class="tbl_head01"><table><caption style="text-align:left;font-weight:bold">자유게시판 목록</caption><thead><tr><th>번호</th><th>제목</th><th>글쓴이</th><th>날짜</th></tr></thead><tbody><tr><td>20311</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=20311">[주의사항] 소액결제 현금화 업체한테 당한 후기 (인증번호 절대 주지 마세요)</a></td><td>자취2년차</td><td>2025-04-28</td></tr><tr><td>20310</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=20310">원룸 곰팡이 제거 꿀팁</a></td><td>깔끔이</td><td>2025-04-27</td></tr><tr><td>20309</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=20309">관리비에 인터넷 포함인 곳 많나요?</a></td><td>새내기</td><td>2025-04-27</td></tr></tbody></table></div>
</div>
<div id="ft">자취생활 커뮤니티 | 운영 ○○○ | 문의 help@jachwi-life.co.kr</div>
</body>
</html>
