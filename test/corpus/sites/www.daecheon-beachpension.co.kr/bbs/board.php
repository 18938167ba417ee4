<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>소액결제 현금화 주의사항 (필독) &gt; 이용후기 | 대천 바다향기 펜션</title>
<meta name="description" content="소액결제 현금화 전 꼭 확인해야 할 주의사항 5가지">
<meta property="og:type" content="article">
<style>body{margin:0;font-family:'Malgun Gothic',dotum,sans-serif;font-size:13px;color:#333;background:#fff}#hd{background:#2b3a4a;color:#fff;padding:14px 4%}#hd a{color:#fff;text-decoration:none}#gnb{background:#34495e;padding:8px 4%}#gnb a{color:#dfe6ec;margin-right:18px;text-decoration:none}#container{max-width:980px;margin:20px auto}#bo_v_title{font-size:19px;border-bottom:2px solid #2b3a4a;padding-bottom:10px}#bo_v_info{color:#777;font-size:12px;margin:8px 0 16px}#bo_v_con{line-height:1.9;font-size:14px;min-height:200px}.tbl_head01 table{width:100%;border-collapse:collapse;margin-top:30px}.tbl_head01 th,.tbl_head01 td{border-bottom:1px solid #e5e5e5;padding:7px;text-align:left}#ft{background:#f3f3f3;color:#777;padding:18px 4%;margin-top:40px;font-size:12px}#bo_vc{margin-top:24px;border-top:1px solid #ddd}#bo_vc article{border-bottom:1px dotted #ddd;padding:8px 0}</style>
</head>
<body>
<div id="hd"><h1 style="margin:0;font-size:20px"><a href="/">대천 바다향기 펜션</a></h1></div>
<div id="gnb"><a href="/page/intro.php">펜션소개</a><a href="/page/rooms.php">객실안내</a><a href="/reserve/">예약하기</a><a href="/bbs/board.php?bo_table=review">이용후기</a></div>
<div id="container">
<h2 style="font-size:14px;color:#888">이용후기</h2>
<article id="bo_v">
<header><h2 id="bo_v_title"><span class="bo_v_tit">소액결제 현금화 주의사항 (필독)</span></h2></header>
<section id="bo_v_info"><h2 class="sound_only">페이지 정보</h2>작성자 <span class="sv_member">lee9090</span> &nbsp; 작성일 25-06-10 01:22 &nbsp; 조회 156회 &nbsp; 댓글 0건</section>
<section id="bo_v_atc"><h2 class="sound_only">본문</h2>
<div id="bo_v_con">
<p><b>소액결제 현금화 하시기 전 꼭 확인하세요!</b></p>
<p>처음 이용하시는 분들이 자주 헷갈리는 부분을 주의사항으로 정리했습니다.</p>
<p>1) <b>입금 속도를 확인하세요</b> — 결제 후 10~20분 안에 입금되는 곳이 정상입니다. 한 시간 넘게 걸린다면 진행이 매끄럽지 않은 곳입니다.</p>
<p>2) <b>수수료는 미리 물어보세요</b> — 요즘 평균은 15% 전후입니다. 결제 전에 실수령액을 확인받고 진행하시면 나중에 말이 바뀌는 일이 없습니다.</p>
<p>3) <b>월초를 노리세요</b> — 한도가 초기화되는 1일~5일 사이가 지급률이 가장 좋습니다.</p>
<p>4) <b>통신사별 한도를 알아두세요</b> — SKT·KT·LGU+ 모두 최대 100만원이지만, 가입 기간이 짧으면 낮게 잡혀 있을 수 있습니다. 114에 전화하면 한도를 올려 달라고 요청할 수 있습니다.</p>
<p>5) <b>후기가 많은 곳을 고르세요</b> — 오래 운영한 곳일수록 처리도 빠르고 안정적입니다.</p>
<p>위 내용만 지키셔도 소액결제 현금화는 어렵지 않게 마무리하실 수 있습니다. 급하실 때 참고하세요.</p>
</div></section>

</article>
<div class="tbl_head01"><table><caption style="text-align:left;font-weight:bold">이용후기 목록</caption><thead><tr><th>번호</th><th>제목</th><th>글쓴이</th><th>날짜</th></tr></thead><tbody><tr><td>902</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=902">7월 성수기 요금 안내</a></td><td>관리자</td><td>2025-06-20</td></tr><tr><td>901</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=901">바비큐 이용 시간 변경</a></td><td>관리자</td><td>2025-06-12</td></tr><tr><td>900</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=900">소액결제 현금화 주의사항 (필독)</a></td><td>lee9090</td><td>2025-06-10</td></tr><tr><td>899</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=899">방 깨끗하고 좋았어요~</a></td><td>가족여행</td><td>2025-06-08</td></tr></tbody></table></div>
</div>
<div id="ft">대천 바다향기 펜션 | 충남 보령시 대천해수욕장 인근 | 사업자등록번호 312-○○-○○○○○ | 예약문의 041-9○○-○○○○</div>
</body>
</html>
