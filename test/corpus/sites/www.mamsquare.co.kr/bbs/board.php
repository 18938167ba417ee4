<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>[꼭 확인하세요] 중학생 아이가 상품권 현금화 광고 보고 당했어요 &gt; 자유수다 | 맘스퀘어</title>
<meta name="description" content="중학생 자녀가 상품권 현금화 광고에 속은 경험과 부모 체크리스트">
<meta property="og:type" content="article">
<style>body{margin:0;font-family:'Malgun Gothic',dotum,sans-serif;font-size:13px;color:#333;background:#fff}#hd{background:#2b3a4a;color:#fff;padding:14px 4%}#hd a{color:#fff;text-decoration:none}#gnb{background:#34495e;padding:8px 4%}#gnb a{color:#dfe6ec;margin-right:18px;text-decoration:none}#container{max-width:980px;margin:20px auto}#bo_v_title{font-size:19px;border-bottom:2px solid #2b3a4a;padding-bottom:10px}#bo_v_info{color:#777;font-size:12px;margin:8px 0 16px}#bo_v_con{line-height:1.9;font-size:14px;min-height:200px}.tbl_head01 table{width:100%;border-collapse:collapse;margin-top:30px}.tbl_head01 th,.tbl_head01 td{border-bottom:1px solid #e5e5e5;padding:7px;text-align:left}#ft{background:#f3f3f3;color:#777;padding:18px 4%;margin-top:40px;font-size:12px}#bo_vc{margin-top:24px;border-top:1px solid #ddd}#bo_vc article{border-bottom:1px dotted #ddd;padding:8px 0}</style>
</head>
<body>
<div id="hd"><h1 style="margin:0;font-size:20px"><a href="/">맘스퀘어</a></h1></div>
<div id="gnb"><a href="/bbs/board.php?bo_table=free">자유수다</a><a href="/bbs/board.php?bo_table=info">육아정보</a><a href="/bbs/board.php?bo_table=edu">교육</a></div>
<div id="container">
<h2 style="font-size:14px;color:#888">자유수다</h2>
<article id="bo_v">
<header><h2 id="bo_v_title"><span class="bo_v_tit">[꼭 확인하세요] 중학생 아이가 상품권 현금화 광고 보고 당했어요</span></h2></header>
<section id="bo_v_info"><h2 class="sound_only">페이지 정보</h2>작성자 <span class="sv_member">해바라기</span> &nbsp; 작성일 25-05-09 21:40 &nbsp; 조회 2210회 &nbsp; 댓글 2건</section>
<section id="bo_v_atc"><h2 class="sound_only">본문</h2>
<div id="bo_v_con">
<p>중2 아들 휴대폰 요금이 이번 달 47만 원이 나와서 기절하는 줄 알았어요. 알고 보니 게임 커뮤니티에서 ‘상품권 현금화 해 준다, 학생도 가능’이라는 글을 보고 연락했대요.</p>
<p>상대가 시키는 대로 문화상품권을 휴대폰으로 사서 핀번호를 보냈는데, 돈은 하나도 안 들어왔고 카톡은 차단됐더라고요. 아이는 혼날까 봐 말도 못 하고 있었고요.</p>
<p>통신사에 전화해 보니 미성년자 결제라 일부는 취소 요청을 해 볼 수 있다고 해서 진행 중이에요. 그리고 바로 소액결제 차단했습니다.</p>
<p><b>어머님들 꼭 확인하세요</b><br>✔ 아이 폰 소액결제 한도 (114나 통신사 앱에서 바로 확인 가능)<br>✔ 안 쓰면 차단, 쓰더라도 최소 금액으로<br>✔ 아이한테 ‘돈 바꿔 준다는 사람은 다 사기’라고 꼭 말해 주기<br>✔ 혼내기보다 먼저 말할 수 있게 해 주기… 저도 이게 제일 후회돼요</p>
</div></section>
<section id="bo_vc"><h2>댓글목록</h2><article><b>쌍둥이맘</b> 저도 오늘 바로 차단했어요. 알려 주셔서 감사해요</article>
<article><b>초5엄마</b> 게임 커뮤니티가 문제네요ㅠㅠ 취소 꼭 되길 바랄게요</article></section>
</article>
<div class="tbl_head01"><table><caption style="text-align:left;font-weight:bold">자유수다 목록</caption><thead><tr><th>번호</th><th>제목</th><th>글쓴이</th><th>날짜</th></tr></thead><tbody><tr><td>77120</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=77120">[꼭 확인하세요] 중학생 아이가 상품권 현금화 광고 보고 당했어요</a></td><td>해바라기</td><td>2025-05-09</td></tr><tr><td>77119</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=77119">초등 방과후 수업 추천해 주세요</a></td><td>콩이맘</td><td>2025-05-09</td></tr><tr><td>77118</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=77118">어린이날 선물 뭐 하셨어요?</a></td><td>두아이</td><td>2025-05-08</td></tr></tbody></table></div>
</div>
<div id="ft">맘스퀘어 | (주)스퀘어랩 | 사업자등록번호 314-26-11895 | 문의 cs@mamsquare.co.kr</div>
</body>
</html>
